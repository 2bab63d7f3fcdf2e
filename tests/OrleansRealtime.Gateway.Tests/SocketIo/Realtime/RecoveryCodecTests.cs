using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.SocketIo.Realtime;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>The pid and offset of connection state recovery: self-contained, so any gateway with the key reads them, and nobody else forges them.</summary>
public sealed class RecoveryCodecTests
{
    private readonly RecoveryCodec _codec = new(() => GatewayHost.SigningKey);

    [Fact]
    public void APid_IsReadByAnotherGatewayWithTheSameKey()
    {
        var pid = _codec.NewPid("alice");

        Assert.True(new RecoveryCodec(() => GatewayHost.SigningKey).TryReadPid(pid, out var user));
        Assert.Equal("alice", user);
    }

    [Fact]
    public void EveryNewPid_Differs_SoAFreshStartIsNeverMistakenForARecovery()
    {
        Assert.NotEqual(_codec.NewPid("alice"), _codec.NewPid("alice"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("v1.YWxpY2U.AAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v2.YWxpY2U.AAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("v1..AAAA.AAAA.AAAA")]
    public void AForgedOrMalformedPid_IsRefused(string? pid)
    {
        Assert.False(_codec.TryReadPid(pid, out _));
    }

    [Fact]
    public void APidSignedWithAnotherKey_OrWithAnotherUserSwappedIn_IsRefused()
    {
        var pid = _codec.NewPid("alice");
        var parts = pid.Split('.');
        var swapped = string.Join('.', parts[0], Convert.ToBase64String("mallory"u8).TrimEnd('='), parts[2], parts[3]);

        Assert.False(new RecoveryCodec(() => "another-signing-key-0123456789-abcdefghijklmnop").TryReadPid(pid, out _));
        Assert.False(_codec.TryReadPid(swapped, out _));
        Assert.False(_codec.TryReadPid(pid + new string('x', 600), out _));
    }

    [Theory]
    [InlineData(638_000_000_000L, 0L)]
    [InlineData(1L, 42L)]
    [InlineData(-5L, 3L)]
    public void AnOffset_RoundTripsItsPosition_ForThePidItWasWrittenFor(long epoch, long seq)
    {
        var pid = _codec.NewPid("alice");
        var offset = RecoveryCodec.Offset(new StreamSequenceToken(seq, epoch), _codec.JoinProof(pid));

        Assert.True(_codec.TryReadOffset(offset, pid, out var position));
        Assert.Equal(new StreamSequenceToken(seq, epoch), position);
        Assert.False(_codec.TryReadOffset(offset, _codec.NewPid("alice"), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5-3")]
    [InlineData("5-3.")]
    [InlineData("x-3.PROOF")]
    [InlineData("5--3.PROOF")]
    [InlineData("5-x.PROOF")]
    [InlineData("-3.PROOF")]
    public void AnOffsetWithoutAValidProofOrPosition_IsRefused(string? shape)
    {
        var pid = _codec.NewPid("alice");
        var offset = shape?.Replace("PROOF", _codec.JoinProof(pid), StringComparison.Ordinal);

        Assert.False(_codec.TryReadOffset(offset, pid, out _));
    }
}
