namespace OrleansRealtime.Server.Hosting;

/// <summary>Silo identity, bound from <c>Realtime:Silo</c>.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Realtime:Silo";

    /// <summary>A readable name for logs; defaults to the machine name.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>The cluster this silo belongs to.</summary>
    public string ClusterId { get; set; } = "dev";
}
