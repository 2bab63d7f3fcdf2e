using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OrleansRealtime.CodeGenerator.Diagnostics;

/// <summary>
/// A source location without its syntax tree. Pipeline models must not hold a <see cref="Location"/>:
/// it keeps the whole compilation alive and is never equal across runs, which defeats caching.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || !location.IsInSource)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
