namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// The version of a cluster's membership table: a number that every successful insert or update raises,
/// and an etag, the compare-and-swap token of the version read. As Orleans' <c>TableVersion</c>: a writer
/// reads the table, then passes <c>read.Version.Next()</c>, which keeps the etag of what was read and asks for
/// the next number; the write succeeds only while the table still has that etag.
/// </summary>
/// <param name="Version">Starts at 0 when the table is initialized.</param>
/// <param name="VersionEtag">Opaque; never reused by a store, so an old etag cannot match a later version.</param>
public sealed record TableVersion(int Version, string VersionEtag)
{
    /// <summary>The version a write proposes after reading this one: number + 1, same etag.</summary>
    public TableVersion Next() => new(checked(Version + 1), VersionEtag);

    public override string ToString() => $"<{Version}, {VersionEtag}>";
}
