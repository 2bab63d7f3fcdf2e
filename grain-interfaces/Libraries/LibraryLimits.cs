namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>The input limits the library grain enforces (HTTP 400 with the code in parentheses when broken).</summary>
public static class LibraryLimits
{
    /// <summary>Library name, game title, achievement title, developer: 1..200 characters after trimming (<c>invalid_name</c>, <c>invalid_title</c>, <c>invalid_developer</c>).</summary>
    public const int MaxNameLength = 200;

    public const int MaxTitleLength = 200;

    public const int MaxDeveloperLength = 200;

    /// <summary>At most 20 genres per game, each 1..50 characters (<c>invalid_genres</c>).</summary>
    public const int MaxGenres = 20;

    public const int MaxGenreLength = 50;

    /// <summary>Urls: absolute http(s), at most 2048 characters (<c>invalid_url</c>).</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Achievement description: at most 1000 characters (<c>invalid_achievement</c>).</summary>
    public const int MaxDescriptionLength = 1000;

    /// <summary>Ids (game, platform game, achievement, user, operation): 1..128 characters (<c>invalid_id</c>).</summary>
    public const int MaxIdLength = 128;

    /// <summary>Metacritic 0..100 (<c>invalid_metacritic</c>).</summary>
    public const int MaxMetacritic = 100;

    /// <summary>Playtime 0..10,000,000 minutes (about 19 years) (<c>invalid_playtime</c>).</summary>
    public const long MaxPlaytimeMinutes = 10_000_000;

    /// <summary>At most 10,000 games per library (<c>library_full</c>, 409).</summary>
    public const int MaxGames = 10_000;

    /// <summary>At most 5,000 achievements per game (<c>too_many_achievements</c>, 409).</summary>
    public const int MaxAchievementsPerGame = 5_000;

    /// <summary>At most 500 games per <see cref="ILibraryGrain.ApplyPlatformGamesAsync"/> batch (<c>invalid_input</c>).</summary>
    public const int MaxApplyBatch = 500;

    public const int DefaultQueryLimit = 20;

    public const int MaxQueryLimit = 100;

    /// <summary>Source and platform names: lower-case snake_case, 1..32 characters (<c>invalid_source</c>, <c>invalid_platform</c>). <c>\z</c>, not <c>$</c>, which would also accept a trailing newline.</summary>
    public const string SourcePattern = @"^[a-z][a-z0-9_]{0,31}\z";
}
