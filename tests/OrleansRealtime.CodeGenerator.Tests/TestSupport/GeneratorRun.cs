using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OrleansRealtime.CodeGenerator.Tests.TestSupport;

/// <summary>The result of one generator run: its diagnostics, the sources it added and the updated compilation.</summary>
internal sealed class GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
{
    public Compilation Input { get; } = input;

    public GeneratorDriver Driver { get; } = driver;

    public Compilation Output { get; } = output;

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    public IReadOnlyDictionary<string, string> GeneratedSources =>
        Driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Errors of the compiled output (warnings count: the compilation treats them as errors).</summary>
    public ImmutableArray<Diagnostic> CompilationErrors =>
        [.. Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>Fails with the compiler's messages when the output does not compile cleanly.</summary>
    public GeneratorRun AssertCompilesCleanly()
    {
        Assert.True(GeneratorDiagnostics.IsEmpty, string.Join(Environment.NewLine, GeneratorDiagnostics));
        Assert.True(CompilationErrors.IsEmpty, string.Join(Environment.NewLine, CompilationErrors) + Environment.NewLine + string.Join(Environment.NewLine, GeneratedSources.Values));
        return this;
    }

    /// <summary>Emits the output and loads it into its own load context; Abstractions is shared with the tests.</summary>
    public Assembly Load()
    {
        AssertCompilesCleanly();
        using var stream = new MemoryStream();
        var result = Output.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext(Output.AssemblyName).LoadFromStream(stream);
    }

    /// <summary>Runs the generator again on the compilation with <paramref name="extraSource"/> added.</summary>
    public GeneratorRun RunAgainWith(string extraSource)
    {
        Compilation input = Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(extraSource, GeneratorHarness.ParseOptions, path: "Extra.cs"));
        GeneratorDriver driver = Driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, input, output, diagnostics);
    }
}
