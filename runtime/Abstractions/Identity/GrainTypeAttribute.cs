namespace OrleansRealtime.Abstractions.Identity;

/// <summary>
/// Pins a grain class's type name, which is part of every <see cref="GrainId"/> and therefore of stored
/// state, reminders and directory rows. Without it the name is derived from the class name (lower-cased,
/// a trailing "Grain" removed), so renaming a class would orphan its data: production grains should set it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException("A grain type name must not be empty.", nameof(name))
        : name;
}
