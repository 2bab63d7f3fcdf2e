using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Grains.Users;

/// <summary>Services and options of the User area.</summary>
public static class UserAreaExtensions
{
    public static ISiloBuilder AddUserArea(this ISiloBuilder builder)
    {
        const string Section = UserOptions.SectionName;
        builder.Services.AddValidatedOptions<UserOptions>(
            builder.Configuration,
            Section,
            o => o.DailyRewardAmount is >= UserLimits.MinAmount and <= UserLimits.MaxAmount
                ? null
                : $"{Section}:DailyRewardAmount must be between {UserLimits.MinAmount} and {UserLimits.MaxAmount}, but is {o.DailyRewardAmount}.",
            o => OptionsRegistration.Positive(Section, nameof(UserOptions.SessionLease), o.SessionLease),
            o => o.SessionLease <= UserOptions.MaxSessionLease
                ? null
                : $"{Section}:SessionLease must be at most {UserOptions.MaxSessionLease}, but is {o.SessionLease}.");
        return builder;
    }
}
