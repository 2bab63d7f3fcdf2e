namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// What "every acknowledged event reached the client exactly once and in order" means, checked over what one client
/// recorded: the markers it received, kept to the acknowledged ones, equal the acknowledged list; no marker and no
/// envelope id arrives twice (acknowledged or not); <c>(epoch, seq)</c> only goes up.
/// </summary>
public static class DeliveryCheck
{
    public static DeliveryResult Verify(string client, IReadOnlyList<long> acknowledged, IReadOnlyList<ReceivedEvent> received)
    {
        var problems = new List<string>();
        var acked = acknowledged.ToHashSet();

        foreach (var group in received.GroupBy(e => e.Marker).Where(g => g.Count() > 1))
        {
            problems.Add($"{client}: marker {group.Key} arrived {group.Count()} times: {string.Join(", ", group)}");
        }

        foreach (var group in received.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"{client}: envelope id {group.Key} arrived {group.Count()} times");
        }

        for (var i = 1; i < received.Count; i++)
        {
            var (before, after) = (received[i - 1], received[i]);
            if (after.Epoch < before.Epoch || (after.Epoch == before.Epoch && after.Seq <= before.Seq))
            {
                problems.Add($"{client}: position went back from {before} to {after}");
            }
            else if (after.Epoch != before.Epoch)
            {
                problems.Add($"{client}: the epoch changed from {before.Epoch} to {after.Epoch} at {after}");
            }
        }

        var delivered = received.Where(e => acked.Contains(e.Marker)).Select(e => e.Marker).ToList();
        var missing = acknowledged.Except(delivered).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{client}: {missing.Count} acknowledged events never arrived: {string.Join(", ", missing.Take(20))}");
        }

        var distinct = delivered.Distinct().ToList();
        var firstOutOfOrder = Enumerable.Range(0, Math.Min(distinct.Count, acknowledged.Count)).FirstOrDefault(i => distinct[i] != acknowledged[i], -1);
        if (missing.Count == 0 && firstOutOfOrder >= 0)
        {
            problems.Add($"{client}: out of acknowledgment order at #{firstOutOfOrder}: got {distinct[firstOutOfOrder]}, expected {acknowledged[firstOutOfOrder]}");
        }

        return new DeliveryResult(client, delivered.Count, received.Count - delivered.Count, problems);
    }
}
