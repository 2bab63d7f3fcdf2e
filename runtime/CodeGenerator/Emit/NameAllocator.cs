using System;
using System.Collections.Generic;
using System.Text;

namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>
/// Hands out type names unique within the generated namespace. Sanitizing can map two different
/// interfaces to the same text (<c>A.B_C</c> and <c>A_B.C</c>), so a taken name gets a numeric suffix.
/// Names are compared ignoring case because they are also file (hint) names. Deterministic as long as
/// names are asked for in a deterministic order.
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);

    public string Allocate(string name)
    {
        string candidate = name;
        for (int suffix = 2; !taken.Add(candidate); suffix++)
        {
            candidate = name + "_" + suffix;
        }

        return candidate;
    }

    /// <summary>Turns any text into a C# identifier: letters, digits and '_' stay, everything else becomes '_'.</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (char c in text)
        {
            if (c == '@')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
