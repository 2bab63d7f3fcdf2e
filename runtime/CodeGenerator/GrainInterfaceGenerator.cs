using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OrleansRealtime.CodeGenerator.Analysis;
using OrleansRealtime.CodeGenerator.Diagnostics;
using OrleansRealtime.CodeGenerator.Emit;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator;

/// <summary>
/// Generates, for every grain interface declared in the compilation (an interface deriving from
/// <c>IAddressable</c>), a proxy deriving from <c>GrainReference</c>, one request class per method of the
/// interface and its bases, and a module initializer registering both with <c>GrainInterfaceRegistry</c>.
/// Interfaces from referenced assemblies are left to the generator run of their own assembly.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainInterfaceGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GrainInterfaceModel> interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (syntaxContext, cancellationToken) => GrainInterfaceReader.Read(syntaxContext, cancellationToken))
            .Where(static model => model is not null)!;

        IncrementalValueProvider<string> assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName ?? "Assembly");

        context.RegisterSourceOutput(interfaces.Collect().Combine(assemblyName), static (output, input) => Generate(output, input.Left, input.Right));
    }

    private static void Generate(SourceProductionContext output, ImmutableArray<GrainInterfaceModel> interfaces, string assemblyName)
    {
        // An inherited bad member is reported by every interface that inherits it; report it once.
        var reported = new HashSet<DiagnosticInfo>();
        foreach (DiagnosticInfo diagnostic in interfaces.SelectMany(i => i.Diagnostics))
        {
            if (reported.Add(diagnostic))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        GenerationPlan plan = GenerationPlan.Create(assemblyName, interfaces.Where(i => i.IsValid));
        if (plan.Interfaces.IsEmpty)
        {
            return;
        }

        foreach (InterfacePlan item in plan.Interfaces)
        {
            output.CancellationToken.ThrowIfCancellationRequested();
            output.AddSource(item.ProxyName + ".g.cs", InterfaceFileEmitter.Emit(plan.Namespace, item));
        }

        output.AddSource(plan.RegistrationName + ".g.cs", RegistrationEmitter.Emit(plan));
    }
}
