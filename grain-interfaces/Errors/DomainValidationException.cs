namespace OrleansRealtime.GrainInterfaces.Errors;

/// <summary>The request is malformed or out of range (HTTP 400): a negative amount, an unknown item kind, an oversize title.</summary>
public sealed class DomainValidationException : DomainException
{
    public DomainValidationException(string errorCode, string detail)
        : base(errorCode, detail)
    {
    }

    public DomainValidationException(string message)
        : base(message)
    {
    }

    public DomainValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    protected override string DefaultCode => "invalid_input";
}
