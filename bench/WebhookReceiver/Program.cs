using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using StandardWebhooks;

// The receiver of make bench's webhook row (bench/webhooks.sh), as a partner would write one:
//   seal SUBSCRIPTION_ID SECRET   prints the secret sealed for the subscriptions table (hex), under
//                                 Careers__Webhooks__SecretKey, as WebhookSecrets.Seal does
//   serve PORT                    receives on http://127.0.0.1:PORT/hooks, verifying each signature
//                                 with WEBHOOK_SECRET; GET /count says "requests distinct-ids bad-signatures"
if (args is ["seal", var subscription, var secretToSeal])
{
    var key = Convert.FromBase64String(Environment.GetEnvironmentVariable("Careers__Webhooks__SecretKey") ?? "");
    var plain = Encoding.UTF8.GetBytes(secretToSeal);
    var sealedBytes = new byte[12 + 16 + plain.Length];
    RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
    using var aes = new AesGcm(key, 16);
    aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), Guid.Parse(subscription).ToByteArray());
    Console.WriteLine(Convert.ToHexStringLower(sealedBytes));
    return 0;
}
if (args is not ["serve", var portText])
{
    Console.Error.WriteLine("usage: WebhookReceiver seal SUBSCRIPTION_ID SECRET | serve PORT");
    return 2;
}

var webhook = new StandardWebhook(Environment.GetEnvironmentVariable("WEBHOOK_SECRET") ?? throw new InvalidOperationException("WEBHOOK_SECRET is not set."));
var seen = new ConcurrentDictionary<string, byte>();
long requests = 0, bad = 0;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{int.Parse(portText, CultureInfo.InvariantCulture)}");
var app = builder.Build();
app.Run(async ctx =>
{
    if (HttpMethods.IsGet(ctx.Request.Method))
    {
        await ctx.Response.WriteAsync($"{Interlocked.Read(ref requests)} {seen.Count} {Interlocked.Read(ref bad)}");
        return;
    }
    using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    try
    {
        webhook.Verify(body, ctx.Request.Headers);
    }
    catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
    {
        Interlocked.Increment(ref bad);
    }
    seen.TryAdd(ctx.Request.Headers["webhook-id"].ToString(), 0);
    Interlocked.Increment(ref requests);
    ctx.Response.StatusCode = StatusCodes.Status204NoContent;
});
app.Run();
return 0;
