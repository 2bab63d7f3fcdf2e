namespace OrleansRealtime.Abstractions.Directory;

/// <summary>
/// Identifies one activation of a grain: a grain that deactivates and activates again, on the same silo or
/// another, gets a new id. Random (a <see cref="Guid"/>), so ids never repeat across silos or restarts.
/// As Orleans' <c>ActivationId</c>.
/// </summary>
public readonly record struct ActivationId(Guid Value)
{
    public bool IsDefault => Value == Guid.Empty;

    public static ActivationId NewId() => new(Guid.NewGuid());

    /// <summary>Reads the form <see cref="ToString"/> writes (32 hex digits), or any form <see cref="Guid.Parse(string)"/> accepts.</summary>
    public static ActivationId Parse(string value) => new(Guid.Parse(value));

    public override string ToString() => Value.ToString("N");
}
