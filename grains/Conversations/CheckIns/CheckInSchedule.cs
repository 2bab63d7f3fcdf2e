namespace OrleansRealtime.Grains.Conversations.CheckIns;

/// <summary>When the next daily check-in falls.</summary>
internal static class CheckInSchedule
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>The first <paramref name="timeOfDayUtc"/> strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset now, TimeOnly timeOfDayUtc)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(DateOnly.FromDateTime(utc.UtcDateTime).ToDateTime(timeOfDayUtc), TimeSpan.Zero);
        return today > utc ? today : today + Period;
    }
}
