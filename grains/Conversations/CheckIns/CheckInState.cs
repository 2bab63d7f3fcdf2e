namespace OrleansRealtime.Grains.Conversations.CheckIns;

/// <summary>A persona conversation's check-in setting, as persisted.</summary>
internal sealed class CheckInState
{
    public string PersonaId { get; set; } = string.Empty;

    public bool Enabled { get; set; }

    public TimeOnly TimeOfDayUtc { get; set; }
}
