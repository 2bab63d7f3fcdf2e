using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>
/// Wallet address rules. An address starting with <c>0x</c> must be an EVM address (<c>0x</c> + 40 hex
/// digits, document 001's example); it is stored and compared lower-cased, so the EIP-55 checksum casing a
/// wallet displays matches. Any other address (other chains) is 1..<see cref="UserLimits.MaxWalletAddressLength"/>
/// characters of <c>[A-Za-z0-9_.:-]</c> and is compared exactly, because base58 and similar encodings are
/// case-sensitive.
/// </summary>
public static partial class WalletAddresses
{
    /// <summary>The canonical form of a valid address, or false.</summary>
    public static bool TryNormalize(string? address, [NotNullWhen(true)] out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        if (address.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!Evm().IsMatch(address))
            {
                return false;
            }

            canonical = address.ToLowerInvariant();
            return true;
        }

        if (address.Length > UserLimits.MaxWalletAddressLength || !Generic().IsMatch(address))
        {
            return false;
        }

        canonical = address;
        return true;
    }

    [GeneratedRegex(@"^0[xX][0-9a-fA-F]{40}\z")]
    private static partial Regex Evm();

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]+\z")]
    private static partial Regex Generic();
}
