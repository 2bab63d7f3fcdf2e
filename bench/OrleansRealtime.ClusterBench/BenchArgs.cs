using System.Globalization;

namespace OrleansRealtime.ClusterBench;

/// <summary><c>--name value</c> pairs and <c>--flag</c> switches.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var parsed = new BenchArgs();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    parsed._values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                parsed._values[name] = arg;
                name = null;
            }
        }

        if (name is not null)
        {
            parsed._values[name] = "true";
        }

        return parsed;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The value given for <c>--name</c>, or null.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.TryGetValue(name, out var v) && v == "true";
}
