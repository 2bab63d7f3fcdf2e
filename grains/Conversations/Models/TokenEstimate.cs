using System.Text.RegularExpressions;

namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>
/// A model-independent token count for <c>token_count</c> when the model reports none: one per word and one
/// per punctuation mark. Real tokenizers differ (about 0.75 words per token for English); this is an
/// estimate, stable for the same text, and documented as such.
/// </summary>
internal static partial class TokenEstimate
{
    public static int Count(string text) => Tokens().Count(text);

    [GeneratedRegex(@"\w+|[^\w\s]")]
    private static partial Regex Tokens();
}
