using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>Services and options of the System area.</summary>
public static class SystemAreaExtensions
{
    public static ISiloBuilder AddSystemArea(this ISiloBuilder builder)
    {
        const string Section = SystemOptions.SectionName;
        builder.Services.AddValidatedOptions<SystemOptions>(
            builder.Configuration,
            Section,
            o => OptionsRegistration.Positive(Section, nameof(SystemOptions.AnnounceAhead), o.AnnounceAhead),
            o => o.AnnounceAhead <= SystemOptions.MaxAnnounceAhead
                ? null
                : $"{Section}:AnnounceAhead must be at most {SystemOptions.MaxAnnounceAhead}, but is {o.AnnounceAhead}.");
        return builder;
    }
}
