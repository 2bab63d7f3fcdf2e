namespace OrleansRealtime.GrainInterfaces.Errors;

/// <summary>The request conflicts with the current state (HTTP 409): a withdrawal beyond the balance, a reward already claimed today.</summary>
public sealed class DomainConflictException : DomainException
{
    public DomainConflictException(string errorCode, string detail)
        : base(errorCode, detail)
    {
    }

    public DomainConflictException(string message)
        : base(message)
    {
    }

    public DomainConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    protected override string DefaultCode => "conflict";
}
