using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Hosting;

/// <summary>Registers the grain classes a silo hosts.</summary>
public static class SiloBuilderGrainExtensions
{
    public static ISiloBuilder AddGrain<TGrain>(this ISiloBuilder builder)
        where TGrain : Grain => builder.AddGrain(typeof(TGrain));

    public static ISiloBuilder AddGrain(this ISiloBuilder builder, Type grainClass)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
        {
            throw new ArgumentException($"{grainClass.FullName} is not a concrete Grain class.", nameof(grainClass));
        }

        builder.Services.Configure<GrainTypeOptions>(o => o.Classes.Add(grainClass));
        return builder;
    }

    /// <summary>Adds every concrete, non-generic <see cref="Grain"/> subclass of <paramref name="assembly"/>.</summary>
    public static ISiloBuilder AddGrainsFromAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract && !t.ContainsGenericParameters))
        {
            builder.AddGrain(type);
        }

        return builder;
    }
}
