namespace OrleansRealtime.Grains.Conversations.CheckIns;

/// <summary>
/// The text of a daily check-in: a greeting for the (UTC) time of day and an invitation to talk. Deterministic
/// and model-free on purpose, so a check-in never fails or costs a model call; a persona's own voice is a
/// later step.
/// </summary>
internal static class CheckInMessages
{
    public static string Compose(DateTimeOffset at)
    {
        var greeting = at.ToUniversalTime().Hour switch
        {
            >= 5 and < 12 => "Good morning! ☀️",
            >= 12 and < 18 => "Good afternoon! 🎮",
            >= 18 and < 23 => "Good evening! 🌙",
            _ => "Hello, night owl! 🦉",
        };
        return greeting + " How is your gaming going? Tell me what you feel like playing and I'll find something in your library.";
    }
}
