using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Hosting;

namespace OrleansRealtime.Silo.Hosting;

/// <summary>
/// <c>dotnet run --project silo -- token --sub alice [--role admin] [--wallet 0x…] [--minutes 60]</c>: prints a
/// JWT signed with the configured <c>Realtime:Auth</c> key and exits. Development only (issue 4): outside the
/// Development environment it refuses, because real tokens come from the identity provider.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public const string Usage = "usage: dotnet run --project silo -- token --sub <user id> [--role <role>]... [--wallet <address>]... [--minutes <1..43200>]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var request, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }

        // The same configuration sources as the silo (appsettings, appsettings.{Environment}, environment variables).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (!builder.Environment.IsDevelopment())
        {
            error.WriteLine($"The token command is for development only, and the environment is '{builder.Environment.EnvironmentName}'. "
                + "Run it with 'dotnet run --project silo -- token …' (the launch profile selects Development) or set ASPNETCORE_ENVIRONMENT=Development.");
            return 1;
        }

        builder.Services.AddRealtimeGateway(builder.Configuration);
        using var app = builder.Build();
        try
        {
            output.WriteLine(app.Services.GetRequiredService<JwtTokenIssuer>().Mint(request!));
            return 0;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
    }

    internal static bool TryParse(string[] args, out TokenRequest? request, out string? problem)
    {
        request = null;
        problem = null;
        string? subject = null;
        List<string> roles = [];
        List<string> wallets = [];
        var minutes = 60;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                problem = $"{args[i]} needs a value.";
                return false;
            }

            switch (args[i])
            {
                case "--sub":
                    subject = value;
                    break;
                case "--role":
                    roles.Add(value);
                    break;
                case "--wallet":
                    wallets.Add(value);
                    break;
                case "--minutes" when int.TryParse(value, out var m) && m >= 1 && m <= JwtTokenIssuer.MaxLifetime.TotalMinutes:
                    minutes = m;
                    break;
                case "--minutes":
                    problem = $"--minutes must be a whole number from 1 to {JwtTokenIssuer.MaxLifetime.TotalMinutes}, but is '{value}'.";
                    return false;
                default:
                    problem = $"Unknown option '{args[i]}'.";
                    return false;
            }

            i++;
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            problem = "--sub (the user id) is required.";
            return false;
        }

        request = new TokenRequest { Subject = subject, Roles = roles, Wallets = wallets, Lifetime = TimeSpan.FromMinutes(minutes) };
        return true;
    }
}
