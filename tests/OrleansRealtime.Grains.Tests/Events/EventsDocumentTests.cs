namespace OrleansRealtime.Grains.Tests.Events;

public sealed class EventsDocumentTests
{
    [Fact]
    public void Events_doc_matches_the_catalog()
    {
        var path = Path.Combine(RepositoryPaths.Root, EventsDocument.RelativePath);
        var expected = EventsDocument.Render();
        if (Environment.GetEnvironmentVariable("REALTIME_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{EventsDocument.RelativePath} is missing; regenerate it (see the file's header).");
        var actual = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(actual == expected,
            $"{EventsDocument.RelativePath} and the event catalog disagree; regenerate it with REALTIME_UPDATE_DOCS=1 dotnet test tests/OrleansRealtime.Grains.Tests --filter EventsDocumentTests. First difference at character {FirstDifference(actual, expected)}.");
    }

    private static int FirstDifference(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return n;
    }
}
