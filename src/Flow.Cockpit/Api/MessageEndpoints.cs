using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Flow.Cockpit.Live;
using Flow.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flow.Cockpit.Api;

/// <summary>Correlating a message (operator only): <c>FlowEngine.CorrelateAsync</c> with the runtime's FLOW ids as problems.</summary>
internal static class MessageEndpoints
{
    public static void Map(RouteGroupBuilder operate)
    {
        operate.MapPost("/messages", CorrelateAsync)
            .AcceptsJsonBody<MessageRequest>()
            .Produces<CorrelationView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CorrelateMessage").WithSummary("Delivers a message to the one instance waiting for it (or starts one at a message start event); no match is FLOW6181, several waiting FLOW6182 unless broadcast.");
    }

    private static async Task<IResult> CorrelateAsync(HttpRequest request, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        var (body, bytes, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        const string Shape = "The body must be {\"messageName\": \"...\", \"correlationKey\": \"...\" (optional), \"payload\": {...} (optional), \"tenant\": \"...\" (optional), \"broadcast\": false}.";
        if (!TryString(body!, "messageName", out var name) || string.IsNullOrEmpty(name)
            || !TryString(body!, "correlationKey", out var key) || !TryString(body!, "tenant", out var tenant))
        {
            return JsonBody.Malformed(Shape);
        }

        var payload = body!["payload"];
        if (payload is not null and not JsonObject)
        {
            return JsonBody.Malformed("payload must be a JSON object of the message's declared outputs. " + Shape);
        }

        var broadcast = false;
        if (body["broadcast"] is { } flag && !(flag is JsonValue value && value.TryGetValue(out broadcast)))
        {
            return JsonBody.Malformed("broadcast must be true or false. " + Shape);
        }

        try
        {
            // The payload's bytes go to the catch's output reader as they came (a null or absent payload: none).
            var reached = payload is null
                ? await engine.CorrelateAsync(name, key, (string?)null, broadcast, tenant, cancellationToken).ConfigureAwait(false)
                : await engine.CorrelateAsync(name, key, JsonMemberBytes.Of(bytes, "payload"), broadcast, tenant, cancellationToken).ConfigureAwait(false);
            signals.Pulse();
            return TypedResults.Ok(new CorrelationView(name, key, reached.Select(InstanceEndpoints.View).ToList()));
        }
        catch (System.Exception e) when (Problems.FromRuntime(e) is { } refused)
        {
            return refused;
        }
    }

    /// <summary>A member that is absent, null or a string.</summary>
    private static bool TryString(JsonObject body, string name, out string? value)
    {
        value = null;
        return body[name] switch
        {
            null => true,
            JsonValue v => v.TryGetValue(out value),
            _ => false,
        };
    }
}
