using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Server.Catalog;

/// <summary>
/// Constructs grain instances. Per class, once: pick the public constructor with the most parameters,
/// compile a factory for it, and plan each parameter (an <see cref="IPersistentState{T}"/> with
/// <see cref="PersistentStateAttribute"/>, or a service from DI). Per activation only the plan runs.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, StorageResolver storage)
{
    private static readonly MethodInfo CreateStateMethod = typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ConcurrentDictionary<Type, Plan> _plans = new();

    public (object Instance, IReadOnlyList<IStateLoader> States) Create(ActivationData activation)
    {
        var plan = _plans.GetOrAdd(activation.ClassInfo.GrainClass, BuildPlan);
        var states = new List<IStateLoader>();
        var args = new object?[plan.Parameters.Length];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = plan.Parameters[i](activation, states);
        }

        var previous = RuntimeContext.Constructing;
        RuntimeContext.Constructing = activation;
        try
        {
            return (plan.Factory(args), states);
        }
        finally
        {
            RuntimeContext.Constructing = previous;
        }
    }

    private Plan BuildPlan(Type grainClass)
    {
        var ctor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.FullName} has no public constructor.");
        var parameters = ctor.GetParameters().Select(PlanParameter).ToArray();

        var args = Expression.Parameter(typeof(object[]), "args");
        var newExpr = Expression.New(ctor, ctor.GetParameters().Select((p, i) =>
            Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        var factory = Expression.Lambda<Func<object?[], object>>(Expression.Convert(newExpr, typeof(object)), args).Compile();
        return new Plan(factory, parameters);
    }

    private Func<ActivationData, List<IStateLoader>, object?> PlanParameter(ParameterInfo parameter)
    {
        var attribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        var type = parameter.ParameterType;
        if (attribute is not null)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
            }

            var create = CreateStateMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<ActivationData, IGrainStorage, string, IStateLoader>>();
            return (activation, states) =>
            {
                var state = create(activation, storage.Get(attribute.StorageName), attribute.StateName);
                states.Add(state);
                return state;
            };
        }

        return (_, _) => services.GetRequiredService(type);
    }

    private static IStateLoader CreateState<TState>(ActivationData activation, IGrainStorage storage, string stateName) =>
        new PersistentState<TState>(stateName, storage, activation.GrainId, activation.Runtime.Serializer);

    private sealed record Plan(Func<object?[], object> Factory, Func<ActivationData, List<IStateLoader>, object?>[] Parameters);
}
