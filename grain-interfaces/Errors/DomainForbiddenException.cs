namespace OrleansRealtime.GrainInterfaces.Errors;

/// <summary>The resource belongs to someone else (HTTP 403).</summary>
public sealed class DomainForbiddenException : DomainException
{
    public DomainForbiddenException(string errorCode, string detail)
        : base(errorCode, detail)
    {
    }

    public DomainForbiddenException(string message)
        : base(message)
    {
    }

    public DomainForbiddenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    protected override string DefaultCode => "forbidden";
}
