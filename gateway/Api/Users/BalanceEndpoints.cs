using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>The token balance of <c>/api/users/{userId}/balance</c> (document 001's <c>balance:update</c>).</summary>
public static class BalanceEndpoints
{
    public static RouteGroupBuilder MapBalanceEndpoints(this RouteGroupBuilder users)
    {
        var group = users.MapGroup("/balance").WithTags("Balance");
        group.MapGet("/", async (string userId, IGrainFactory grains) => new BalanceResponse(userId, await ProfileEndpoints.Grain(grains, userId).GetBalanceAsync()))
            .WithName("GetBalance").WithSummary("The balance in whole tokens.");
        group.MapPost("/deposit", DepositAsync)
            .WithName("Deposit").WithSummary("Adds tokens; publishes balance:update. Returns the ledger entry. Needs role service or admin.");
        group.MapPost("/withdraw", (string userId, AmountRequest request, IGrainFactory grains) =>
                ProfileEndpoints.Grain(grains, userId).WithdrawAsync(CheckAmount(request.Amount), request.Reason))
            .WithName("Withdraw").WithSummary("Removes tokens (409 insufficient_balance beyond the balance); publishes balance:update.");
        group.MapPost("/daily-reward", (string userId, IGrainFactory grains) => ProfileEndpoints.Grain(grains, userId).ClaimDailyRewardAsync())
            .WithName("ClaimDailyReward")
            .WithSummary("Credits the daily reward, once per UTC day (409 daily_reward_already_claimed); publishes balance:update and notification.");
        group.MapGet("/ledger", (string userId, [FromQuery] int? limit, IGrainFactory grains) =>
                ProfileEndpoints.Grain(grains, userId).GetLedgerAsync(limit ?? 50))
            .WithName("GetLedger").WithSummary("The most recent balance movements, newest first (limit 1..100, default 50).");
        return users;
    }

    /// <summary>
    /// Tokens are minted by a backend (a purchase, a grant), never by their holder: a plain user may withdraw
    /// their own tokens and claim their own daily reward, but a deposit needs role service or admin.
    /// </summary>
    private static Task<LedgerEntry> DepositAsync(string userId, AmountRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        user.EnsureServiceOrAdmin("Deposits need role service or admin: a user cannot credit tokens to any balance, their own included.");
        return ProfileEndpoints.Grain(grains, userId).DepositAsync(CheckAmount(request.Amount), request.Reason);
    }

    /// <summary>Refuses zero, negative and absurd amounts at the edge with the grain's own code.</summary>
    private static long CheckAmount(long amount) =>
        amount is >= UserLimits.MinAmount and <= UserLimits.MaxAmount
            ? amount
            : throw new DomainValidationException("invalid_amount", $"The amount must be a whole number of tokens from {UserLimits.MinAmount} to {UserLimits.MaxAmount}, but is {amount}.");
}
