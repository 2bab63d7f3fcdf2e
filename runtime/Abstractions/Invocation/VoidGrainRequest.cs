namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>A request whose method returns <c>Task</c>, <c>ValueTask</c> or (one-way) <c>void</c>.</summary>
public abstract class VoidGrainRequest : GrainRequest
{
    public sealed override async ValueTask<object?> InvokeAsync(object target)
    {
        await InvokeVoidAsync(target);
        return null;
    }

    protected abstract ValueTask InvokeVoidAsync(object target);
}
