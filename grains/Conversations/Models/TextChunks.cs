namespace OrleansRealtime.Grains.Conversations.Models;

/// <summary>Cuts text into pieces of a few words whose concatenation is exactly the text (whitespace stays with the word before it).</summary>
internal static class TextChunks
{
    public static IEnumerable<string> Split(string text, int wordsPerChunk)
    {
        var start = 0;
        var words = 0;
        var i = 0;
        while (i < text.Length)
        {
            // Skip one word, then the whitespace after it.
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (++words == wordsPerChunk || i == text.Length)
            {
                yield return text[start..i];
                start = i;
                words = 0;
            }
        }
    }
}
