using Microsoft.CodeAnalysis;
using OrleansRealtime.CodeGenerator.Tests.TestSupport;

namespace OrleansRealtime.CodeGenerator.Tests.Diagnostics;

public sealed class GeneratorDiagnosticsTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using OrleansRealtime.Abstractions.Grains;
        """;

    [Theory]
    [InlineData("ORR001", "int Bad();", "Bad")]
    [InlineData("ORR001", "System.Collections.Generic.List<int> Bad(int value);", "Bad")]
    [InlineData("ORR001", "ref int Bad();", "Bad")]
    [InlineData("ORR002", "Task Bad<T>(T value);", "Bad")]
    [InlineData("ORR003", "Task Bad(ref int value);", "Bad")]
    [InlineData("ORR003", "Task Bad(out int value);", "Bad")]
    [InlineData("ORR003", "Task Bad(in int value);", "Bad")]
    [InlineData("ORR004", "int Bad { get; }", "Bad")]
    [InlineData("ORR004", "event Action Bad;", "Bad")]
    [InlineData("ORR006", "Task Bad(Span<int> values);", "Bad")]
    public void BadMember_IsReportedAtTheMember_AndTheInterfaceGetsNoCode(string id, string member, string locationText)
    {
        string source = $$"""
            {{Usings}}
            namespace Bad
            {
                public interface IBadGrain : IGrainWithStringKey
                {
                    Task<int> Good();
                    {{member}}
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run("Diagnostics.Member", source);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(locationText, SourceAt(run, diagnostic));
        Assert.DoesNotContain(run.GeneratedSources.Keys, hint => hint.Contains("IBadGrain", StringComparison.Ordinal));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void GenericGrainInterface_IsReportedAsORR005()
    {
        GeneratorRun run = GeneratorHarness.Run("Diagnostics.Generic", $$"""
            {{Usings}}
            namespace Bad { public interface IBoxGrain<T> : IGrainWithStringKey { Task<T> Get(); } }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ORR005", diagnostic.Id);
        Assert.Equal("IBoxGrain", SourceAt(run, diagnostic));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void InterfaceInheritingAGenericGrainInterface_IsReportedAsORR005()
    {
        GeneratorRun run = GeneratorHarness.Run("Diagnostics.GenericBase", $$"""
            {{Usings}}
            namespace Bad
            {
                public interface IBoxGrain<T> : IGrainWithStringKey { Task<T> Get(); }
                public interface IIntBoxGrain : IBoxGrain<int> { }
            }
            """);

        Assert.Equal(["IBoxGrain", "IIntBoxGrain"], run.GeneratorDiagnostics.Select(d => SourceAt(run, d)).Order(StringComparer.Ordinal));
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("ORR005", d.Id));
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("public class Host { private interface IHiddenGrain : IGrainWithStringKey { Task Ping(); } }")]
    [InlineData("public class Host { protected interface IHiddenGrain : IGrainWithStringKey { Task Ping(); } }")]
    [InlineData("file interface IHiddenGrain : IGrainWithStringKey { Task Ping(); }")]
    public void GrainInterfaceGeneratedCodeCannotSee_IsReportedAsORR007(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run("Diagnostics.Private", $$"""
            {{Usings}}
            namespace Bad { {{declaration}} }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ORR007", diagnostic.Id);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void BadMemberInheritedByManyInterfaces_IsReportedOnce()
    {
        GeneratorRun run = GeneratorHarness.Run("Diagnostics.Inherited", $$"""
            {{Usings}}
            namespace Bad
            {
                public interface IBaseGrain : IGrainWithStringKey { Task Bad<T>(T value); }
                public interface IOneGrain : IBaseGrain { }
                public interface ITwoGrain : IBaseGrain { }
            }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ORR002", diagnostic.Id);
        Assert.Equal("Bad", SourceAt(run, diagnostic));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void BadMemberOfANonGrainBaseInterfaceFromMetadata_IsReportedAtTheGrainInterface()
    {
        GeneratorRun run = GeneratorHarness.Run("Diagnostics.Metadata", $$"""
            {{Usings}}
            namespace Bad { public interface IIdentifiedGrain : IGrainWithStringKey, IGrainIdentity { Task Ping(); } }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ORR004", diagnostic.Id);
        Assert.Equal("IIdentifiedGrain", SourceAt(run, diagnostic));
    }

    [Fact]
    public void InterfaceNotDerivingFromIAddressable_IsIgnored()
    {
        GeneratorRun run = GeneratorHarness.Run("Diagnostics.Plain", $$"""
            {{Usings}}
            namespace Plain { public interface IService { int Bad { get; } ref int Worse(ref int x); } }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
    }

    /// <summary>
    /// The source text a diagnostic points at. The generator reports file locations (path and span) rather
    /// than tree locations, because its cached models must not hold syntax trees.
    /// </summary>
    private static string SourceAt(GeneratorRun run, Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.True(span.IsValid, $"{diagnostic.Id} has no location");
        return run.Input.SyntaxTrees.Single(tree => tree.FilePath == span.Path).GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
