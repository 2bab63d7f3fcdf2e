using System.Text.RegularExpressions;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Libraries;

/// <summary>
/// The checks behind <see cref="LibraryLimits"/>. Each returns the normalized value (trimmed text, de-duplicated
/// genres) or throws <see cref="DomainValidationException"/> with the limit's code, before any state changes.
/// </summary>
internal static partial class LibraryValidation
{
    public static string Id(string? value, string what)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > LibraryLimits.MaxIdLength || trimmed.Any(char.IsControl)
            ? throw new DomainValidationException("invalid_id", $"{what} must be 1..{LibraryLimits.MaxIdLength} characters without control characters.")
            : trimmed;
    }

    public static string Name(string? value) => Text(value, LibraryLimits.MaxNameLength, "invalid_name", "The library name");

    public static string Title(string? value) => Text(value, LibraryLimits.MaxTitleLength, "invalid_title", "The title");

    public static string? Developer(string? value) =>
        value is null ? null : Text(value, LibraryLimits.MaxDeveloperLength, "invalid_developer", "The developer");

    public static string Platform(string? value) =>
        value is not null && SnakeName().IsMatch(value)
            ? value
            : throw new DomainValidationException("invalid_platform", "The platform must be a lower-case name of 1..32 letters, digits and underscores (demo, steam…).");

    public static string Source(string? value) =>
        value is not null && SnakeName().IsMatch(value)
            ? value
            : throw new DomainValidationException("invalid_source", "The source must be a lower-case name of 1..32 letters, digits and underscores (manual, sync_operation…).");

    public static IReadOnlyList<string>? Genres(IReadOnlyList<string>? genres)
    {
        if (genres is null)
        {
            return null;
        }

        if (genres.Count > LibraryLimits.MaxGenres)
        {
            throw new DomainValidationException("invalid_genres", $"A game has at most {LibraryLimits.MaxGenres} genres.");
        }

        var result = new List<string>(genres.Count);
        foreach (var genre in genres)
        {
            var trimmed = genre?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > LibraryLimits.MaxGenreLength || trimmed.Any(char.IsControl))
            {
                throw new DomainValidationException("invalid_genres", $"Each genre must be 1..{LibraryLimits.MaxGenreLength} characters.");
            }

            if (!result.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    public static string? Url(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return value.Length <= LibraryLimits.MaxUrlLength
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? value
                : throw new DomainValidationException("invalid_url", $"Urls must be absolute http(s) urls of at most {LibraryLimits.MaxUrlLength} characters.");
    }

    public static int? Metacritic(int? value) =>
        value is null or (>= 0 and <= LibraryLimits.MaxMetacritic)
            ? value
            : throw new DomainValidationException("invalid_metacritic", $"Metacritic must be 0..{LibraryLimits.MaxMetacritic}, not {value}.");

    public static long? Playtime(long? value) =>
        value is null or (>= 0 and <= LibraryLimits.MaxPlaytimeMinutes)
            ? value
            : throw new DomainValidationException("invalid_playtime", $"Playtime must be 0..{LibraryLimits.MaxPlaytimeMinutes} minutes, not {value}.");

    public static AchievementInput Achievement(AchievementInput? input)
    {
        if (input is null)
        {
            throw new DomainValidationException("invalid_achievement", "The achievement is missing.");
        }

        if (input.Description is { Length: > LibraryLimits.MaxDescriptionLength })
        {
            throw new DomainValidationException("invalid_achievement", $"The achievement description is longer than {LibraryLimits.MaxDescriptionLength} characters.");
        }

        if (input.RarityPercentage is { } rarity && (double.IsNaN(rarity) || rarity is < 0 or > 100))
        {
            throw new DomainValidationException("invalid_achievement", "rarity_percentage must be 0..100.");
        }

        if (input.Points is < 0 or > 100_000)
        {
            throw new DomainValidationException("invalid_achievement", "points must be 0..100000.");
        }

        return input with
        {
            AchievementId = Id(input.AchievementId, "achievement_id"),
            Title = Title(input.Title),
            IconUrl = Url(input.IconUrl),
        };
    }

    public static GameQuery Query(GameQuery? query)
    {
        query ??= new GameQuery();
        if (query.Limit is < 1 or > LibraryLimits.MaxQueryLimit)
        {
            throw new DomainValidationException("invalid_query", $"limit must be 1..{LibraryLimits.MaxQueryLimit}.");
        }

        if (query.Offset < 0 || query.Offset > LibraryLimits.MaxGames)
        {
            throw new DomainValidationException("invalid_query", $"offset must be 0..{LibraryLimits.MaxGames}.");
        }

        if (query.TitleContains is { Length: > LibraryLimits.MaxTitleLength } || query.Genre is { Length: > LibraryLimits.MaxGenreLength })
        {
            throw new DomainValidationException("invalid_query", "The title or genre filter is longer than a title or genre can be.");
        }

        Metacritic(query.MinMetacritic);
        return query;
    }

    private static string Text(string? value, int max, string code, string what)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > max || trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? throw new DomainValidationException(code, $"{what} must be 1..{max} characters.")
            : trimmed;
    }

    [GeneratedRegex(LibraryLimits.SourcePattern)]
    private static partial Regex SnakeName();
}
