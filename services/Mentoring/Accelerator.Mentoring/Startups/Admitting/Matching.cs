using Accelerator.Mentoring.Mentors;

namespace Accelerator.Mentoring.Startups.Admitting;

public static class Matching
{
    /// <summary>
    /// The mentor for a newly admitted startup: the most expertise shared with its domains (case-insensitive), among
    /// mentors with room; ties go to the most free capacity, then the earliest registered, then the lowest id, so the
    /// same state always gives the same answer. None only when nobody has room: a mentor sharing no domain is still
    /// better than none.
    /// </summary>
    public static Mentor? Match(IReadOnlyCollection<string> domains, IEnumerable<Mentor> mentors) =>
        mentors.Where(m => m.FreeCapacity > 0)
            .OrderByDescending(m => Overlap(domains, m.Expertise))
            .ThenByDescending(m => m.FreeCapacity)
            .ThenBy(m => m.RegisteredAt)
            .ThenBy(m => m.Id)
            .FirstOrDefault();

    public static int Overlap(IEnumerable<string> domains, IEnumerable<string> expertise)
    {
        var wanted = domains.Select(d => d.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return expertise.Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count(wanted.Contains);
    }
}
