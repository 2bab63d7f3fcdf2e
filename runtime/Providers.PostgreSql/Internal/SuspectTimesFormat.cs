using System.Globalization;
using System.Text;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>
/// The text of the <c>suspect_times</c> column: <c>silo,time|silo,time</c> with silos in their parsable form
/// and times in round-trip ISO 8601 (UTC), NULL for none. Neither form contains ',' or '|'.
/// </summary>
internal static class SuspectTimesFormat
{
    public static string? Write(IReadOnlyList<SuspectTime> suspectTimes)
    {
        if (suspectTimes.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (suspecter, at) in suspectTimes)
        {
            if (text.Length > 0)
            {
                text.Append('|');
            }

            text.Append(suspecter.ToParsableString()).Append(',').Append(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static IReadOnlyList<SuspectTime> Read(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        List<SuspectTime> votes = [];
        foreach (var vote in text.Split('|'))
        {
            int comma = vote.IndexOf(',');
            if (comma <= 0)
            {
                throw new FormatException($"'{vote}' in suspect_times is not 'silo,time'.");
            }

            var at = DateTimeOffset.Parse(vote.AsSpan(comma + 1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            votes.Add(new SuspectTime(SiloAddress.Parse(vote[..comma]), at.ToUniversalTime()));
        }

        return votes;
    }
}
