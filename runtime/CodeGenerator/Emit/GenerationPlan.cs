using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>
/// Everything one compilation generates: the namespace, the registration class and one plan per interface.
/// Names are <c>{Interface_Full_Name}_Proxy</c> and <c>{Interface_Full_Name}_{Method}_{index}_Request</c>,
/// where index is the method's position in the proxied interface's method list.
/// </summary>
internal sealed class GenerationPlan
{
    private GenerationPlan(string @namespace, string registrationName, ImmutableArray<InterfacePlan> interfaces)
    {
        Namespace = @namespace;
        RegistrationName = registrationName;
        Interfaces = interfaces;
    }

    public string Namespace { get; }

    public string RegistrationName { get; }

    public ImmutableArray<InterfacePlan> Interfaces { get; }

    public static GenerationPlan Create(string assemblyName, IEnumerable<GrainInterfaceModel> interfaces)
    {
        var names = new NameAllocator();
        string registrationName = names.Allocate("GrainInterfaceRegistration");
        var plans = ImmutableArray.CreateBuilder<InterfacePlan>();
        foreach (GrainInterfaceModel model in interfaces.OrderBy(i => i.FullName, StringComparer.Ordinal))
        {
            string prefix = NameAllocator.Sanitize(model.FullName);
            string proxyName = names.Allocate(prefix + "_Proxy");
            var requestNames = ImmutableArray.CreateBuilder<string>(model.Methods.Length);
            for (int i = 0; i < model.Methods.Length; i++)
            {
                requestNames.Add(names.Allocate(prefix + "_" + NameAllocator.Sanitize(model.Methods[i].Name) + "_" + i + "_Request"));
            }

            plans.Add(new InterfacePlan(model, proxyName, requestNames.MoveToImmutable()));
        }

        return new GenerationPlan("OrleansRealtime.Generated." + NameAllocator.Sanitize(assemblyName), registrationName, plans.ToImmutable());
    }
}
