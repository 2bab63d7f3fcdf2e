namespace OrleansRealtime.Abstractions.Identity;

/// <summary>
/// Identifies one virtual grain: a stable grain type name plus a key. Two ids are equal when type and key
/// are equal (ordinal). The string form is <c>type/key</c>; the key itself may contain '/'.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public bool IsDefault => Type is null;

    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int slash = value.IndexOf('/');
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => $"{Type}/{Key}";
}
