using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Careers.Api.Features.Webhooks;

/// <summary>
/// Where webhooks may be sent. A target is asked for by a partner but reached from inside our
/// network, so an address is allowed only when it is public: IPv4 outside the IANA special-purpose
/// blocks, IPv6 inside global unicast (2000::/3) outside the blocks that embed IPv4 or are
/// reserved. Loopback, private, link-local (cloud metadata at 169.254.169.254), shared (CGNAT),
/// unique-local (fd00:ec2::254) and the rest are refused unless <see cref="WebhookOptions.AllowedTargets"/>
/// lists them. Checked at registration and again on every connection (<see cref="ConnectAsync"/>):
/// a name may resolve elsewhere by the time we deliver.
/// </summary>
sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    static readonly IPNetwork[] SpecialV4 = Parse(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
    static readonly IPNetwork[] SpecialV6 = Parse(
        "2001::/23",      // IETF protocol assignments (Teredo, benchmarking, ORCHID…)
        "2001:db8::/32",  // documentation
        "2002::/16",      // 6to4: embeds an IPv4 address
        "3fff::/20");     // documentation

    readonly IPNetwork[] _allowed = TryParseAllowList(options.Value.AllowedTargets, out var list, out _) ? list : [];
    readonly bool _allowInsecure = options.Value.AllowInsecure;

    /// <summary>Whether an address may be connected to.</summary>
    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (_allowed.Any(n => n.Contains(address))) return true;
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !SpecialV4.Any(n => n.Contains(address)) && !address.Equals(IPAddress.Broadcast),
            AddressFamily.InterNetworkV6 => GlobalUnicastV6.Contains(address) && !SpecialV6.Any(n => n.Contains(address)),
            _ => false,
        };
    }

    /// <summary>
    /// Why <paramref name="url"/> cannot be a target (null when it can): its form, then every
    /// address its host resolves to now.
    /// </summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken ct)
    {
        if (FormRefusal(url) is { } refused) return refused;
        var uri = new Uri(url);
        try
        {
            var addresses = await ResolveAsync(uri.IdnHost, ct);
            if (addresses.Length == 0) return $"{uri.Host} resolves to no address.";
            var forbidden = addresses.FirstOrDefault(a => !IsAllowed(a));
            return forbidden is null ? null
                : $"{uri.Host} resolves to {forbidden}, a loopback, private, link-local or otherwise non-public address: only public addresses receive webhooks.";
        }
        catch (SocketException)
        {
            return $"{uri.Host} does not resolve.";
        }
    }

    /// <summary>Why the URL's form is refused (null when it is fine): absolute https (http when allowed), no credentials, no fragment.</summary>
    public string? FormRefusal(string url)
    {
        if (url.Length > 2000) return "url is at most 2000 characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
            return "url must be an absolute https URL.";
        if (uri.Scheme == Uri.UriSchemeHttp && !_allowInsecure)
            return "url must use https (Careers__Webhooks__AllowInsecure allows http, for tests and private networks).";
        if (uri.UserInfo.Length > 0) return "url must not carry credentials: the signature authenticates us to the receiver.";
        if (uri.Fragment.Length > 0) return "url must not have a fragment.";
        return null;
    }

    /// <summary>
    /// The delivery client's connect step (SocketsHttpHandler.ConnectCallback): resolves the host
    /// again and connects only to an allowed address, so a name that now points inward is refused
    /// at the moment it matters.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, ct);
        var forbidden = addresses.FirstOrDefault(a => !IsAllowed(a));
        if (forbidden is not null || addresses.Length == 0)
            throw new TargetRefusedException($"{context.DnsEndPoint.Host} resolves to {(object?)forbidden ?? "no address"}: only public addresses receive webhooks.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    public static bool TryParseAllowList(string? text, out IPNetwork[] networks, out string? error)
    {
        var list = new List<IPNetwork>();
        foreach (var item in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(item, out var network)) list.Add(network);
            else if (IPAddress.TryParse(item, out var address)) list.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            else
            {
                networks = [];
                error = $"'{item}' is neither an address nor a CIDR range (10.0.0.0/8, 127.0.0.1, fd00::/8).";
                return false;
            }
        }
        networks = [.. list];
        error = null;
        return true;
    }

    static IPNetwork[] Parse(params string[] cidrs) => [.. cidrs.Select(IPNetwork.Parse)];
}

/// <summary>A delivery's target resolved to an address it may not reach.</summary>
sealed class TargetRefusedException(string message) : Exception(message);
