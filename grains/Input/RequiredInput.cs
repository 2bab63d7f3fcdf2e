using System.Diagnostics.CodeAnalysis;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Grains.Input;

/// <summary>
/// A request object that is null (a JSON body of <c>null</c> crosses the call boundary as a null argument) is bad
/// input like any other: <c>invalid_input</c> (400), not an <see cref="ArgumentNullException"/> that surfaces as a 500.
/// </summary>
internal static class RequiredInput
{
    public static void NotNull<T>([NotNull] T? value, string name)
        where T : class
    {
        if (value is null)
        {
            throw new DomainValidationException("invalid_input", $"{name} is required.");
        }
    }
}
