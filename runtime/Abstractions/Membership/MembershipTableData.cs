namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// What one read of the membership table returned: rows, each with its etag, and the table version, all as
/// of one instant. As Orleans' <c>MembershipTableData</c>.
/// </summary>
public sealed class MembershipTableData
{
    public MembershipTableData(IEnumerable<(MembershipEntry Entry, string ETag)> members, TableVersion version)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(version);
        Members = [.. members];
        Version = version;
    }

    /// <summary>The rows in no particular order, each with the etag an <see cref="IMembershipTable.UpdateRowAsync"/> of it needs.</summary>
    public IReadOnlyList<(MembershipEntry Entry, string ETag)> Members { get; }

    public TableVersion Version { get; }

    /// <summary>The row of <paramref name="silo"/> (that generation only), or null.</summary>
    public (MembershipEntry Entry, string ETag)? Find(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        foreach (var member in Members)
        {
            if (member.Entry.SiloAddress.Equals(silo))
            {
                return member;
            }
        }

        return null;
    }

    public override string ToString() => $"{Members.Count} silos at version {Version}";
}
