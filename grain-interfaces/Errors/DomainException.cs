using System.Text.RegularExpressions;
using OrleansRealtime.Abstractions.Exceptions;

namespace OrleansRealtime.GrainInterfaces.Errors;

/// <summary>
/// A domain rule refused a request; nothing changed and no event was emitted. Exceptions cross grain
/// calls as type plus message, so the machine-readable <see cref="ErrorCode"/> travels inside the message
/// as a <c>[code]</c> prefix and is parsed back by the <c>(string message)</c> constructor every subclass keeps.
/// The gateway maps the subclass to an HTTP status and the code to the problem detail's <c>error_code</c>.
/// </summary>
public abstract partial class DomainException : RealtimeException
{
    protected DomainException(string errorCode, string detail)
        : base($"[{errorCode}] {detail}")
    {
        ErrorCode = errorCode;
        Detail = detail;
    }

    /// <summary>Recreates the exception from its message (the form it crosses a call boundary in).</summary>
    protected DomainException(string message)
        : this(message, (Exception?)null)
    {
    }

    protected DomainException(string message, Exception? innerException)
        : base(message, innerException)
    {
        var match = CodePrefix().Match(message);
        ErrorCode = match.Success ? match.Groups[1].Value : DefaultCode;
        Detail = match.Success ? match.Groups[2].Value : message;
    }

    /// <summary>A stable snake_case code, for example <c>insufficient_balance</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The human-readable explanation, without the code prefix.</summary>
    public string Detail { get; }

    protected virtual string DefaultCode => "domain_error";

    [GeneratedRegex(@"^\[([a-z0-9_]+)\] (.*)$", RegexOptions.Singleline)]
    private static partial Regex CodePrefix();
}
