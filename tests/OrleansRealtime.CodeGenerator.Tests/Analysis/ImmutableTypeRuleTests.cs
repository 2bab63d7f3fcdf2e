using System.Reflection;
using OrleansRealtime.CodeGenerator.Tests.TestSupport;

namespace OrleansRealtime.CodeGenerator.Tests.Analysis;

public sealed class ImmutableTypeRuleTests
{
    private static readonly Lazy<Assembly> Sample = new(() => GeneratorHarness.Run("Immutability.Grains", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OrleansRealtime.Abstractions.Concurrency;
        using OrleansRealtime.Abstractions.Grains;
        using OrleansRealtime.Abstractions.Identity;

        namespace Immutability
        {
            [Immutable] public sealed class Frozen { public string Name { get; } = ""; }
            [Immutable] public readonly record struct FrozenPoint(int X, int Y);
            public sealed class Mutable { public int Value { get; set; } }
            public readonly record struct Point(int X, int Y);
            public interface IOtherGrain : IGrainWithStringKey { }

            public interface IShapesGrain : IGrainWithStringKey
            {
                Task None();
                Task Primitives(bool b, char c, byte u8, sbyte i8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64, float f, double d, decimal m, nint n, nuint un);
                Task Strings(string text, string? maybe);
                Task Times(Guid id, DateTime at, DateTimeOffset offset, TimeSpan span, DateOnly day, TimeOnly time, Uri uri);
                Task Enums(DayOfWeek day, DayOfWeek? maybe);
                Task Nullables(int? a, Guid? b, FrozenPoint? c);
                Task References(IOtherGrain grain, IAddressable any, IGrainObserver observer, GrainId id);
                Task Marked(Frozen frozen, FrozenPoint point);
                Task WithList(int id, List<int> list);
                Task WithArray(int[] values);
                Task WithClass(Mutable value);
                Task WithStruct(Point point);
                Task WithNullableStruct(Point? point);
                Task WithObject(object value);
                Task<string> ImmutableResult();
                Task<List<string>> MutableResult();
                ValueTask<IOtherGrain> ReferenceResult();
                ValueTask<Point> StructResult();
            }
        }
        """).Load());

    [Theory]
    [InlineData("None()")]
    [InlineData("Primitives(bool,char,byte,sbyte,short,ushort,int,uint,long,ulong,float,double,decimal,nint,nuint)")]
    [InlineData("Strings(string,string)")]
    [InlineData("Times(System.Guid,System.DateTime,System.DateTimeOffset,System.TimeSpan,System.DateOnly,System.TimeOnly,System.Uri)")]
    [InlineData("Enums(System.DayOfWeek,System.DayOfWeek?)")]
    [InlineData("Nullables(int?,System.Guid?,Immutability.FrozenPoint?)")]
    [InlineData("References(Immutability.IOtherGrain,OrleansRealtime.Abstractions.Grains.IAddressable,OrleansRealtime.Abstractions.Grains.IGrainObserver,OrleansRealtime.Abstractions.Identity.GrainId)")]
    [InlineData("Marked(Immutability.Frozen,Immutability.FrozenPoint)")]
    public void ArgumentsAreImmutable_WhenEveryParameterTypeIsImmutable(string method)
    {
        Assert.True(Request(method).ArgumentsAreImmutable);
    }

    [Theory]
    [InlineData("WithList(int,System.Collections.Generic.List<int>)")]
    [InlineData("WithArray(int[])")]
    [InlineData("WithClass(Immutability.Mutable)")]
    [InlineData("WithStruct(Immutability.Point)")]
    [InlineData("WithNullableStruct(Immutability.Point?)")]
    [InlineData("WithObject(object)")]
    public void ArgumentsAreNotImmutable_WhenAnyParameterTypeMayBeMutated(string method)
    {
        Assert.False(Request(method).ArgumentsAreImmutable);
    }

    [Fact]
    public void ReferenceArguments_AreImmutableOnlyWhenTheyAreRealReferences()
    {
        var request = Request("References(Immutability.IOtherGrain,OrleansRealtime.Abstractions.Grains.IAddressable,OrleansRealtime.Abstractions.Grains.IGrainObserver,OrleansRealtime.Abstractions.Identity.GrainId)");

        // A local object passed where a reference belongs must be copied, so the serializer can refuse it.
        request.GetType().GetField("arg2")!.SetValue(request, new LocalObserver());

        Assert.False(request.ArgumentsAreImmutable);
    }

    [Theory]
    [InlineData("None()", true)]
    [InlineData("ImmutableResult()", true)]
    [InlineData("ReferenceResult()", false)]
    [InlineData("MutableResult()", false)]
    [InlineData("StructResult()", false)]
    public void ResultIsImmutable_FollowsTheSameRule(string method, bool expected)
    {
        Assert.Equal(expected, Request(method).ResultIsImmutable);
    }

    private sealed class LocalObserver : Abstractions.Grains.IGrainObserver;

    private static Abstractions.Invocation.GrainRequest Request(string method) =>
        Sample.Value.Request("Immutability.IShapesGrain", method);
}
