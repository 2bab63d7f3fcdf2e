namespace OrleansRealtime.Server.Catalog;

/// <summary>Overrides the idle collection age for one grain class (Orleans' <c>[CollectionAgeLimit]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public double Days { get; init; }

    public double Hours { get; init; }

    public double Minutes { get; init; }

    public double Seconds { get; init; }

    public TimeSpan AgeLimit => TimeSpan.FromDays(Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes) + TimeSpan.FromSeconds(Seconds);
}
