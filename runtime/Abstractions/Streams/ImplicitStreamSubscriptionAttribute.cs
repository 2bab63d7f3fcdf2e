namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// Every stream in <see cref="Namespace"/> delivers to the grain of this class whose key equals the
/// stream key, activating it as needed. Attach an observer with <c>SubscribeAsync</c> in
/// <c>OnActivateAsync</c>; items that arrive while no observer is attached are logged and dropped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string @namespace) : Attribute
{
    public string Namespace { get; } = @namespace;
}
