namespace OrleansRealtime.GrainInterfaces.Errors;

/// <summary>The resource does not exist (HTTP 404): an unknown library, operation or notification.</summary>
public sealed class DomainNotFoundException : DomainException
{
    public DomainNotFoundException(string errorCode, string detail)
        : base(errorCode, detail)
    {
    }

    public DomainNotFoundException(string message)
        : base(message)
    {
    }

    public DomainNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    protected override string DefaultCode => "not_found";
}
