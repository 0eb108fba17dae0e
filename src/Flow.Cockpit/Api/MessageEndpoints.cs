using System;
using System.Linq;
using System.Text.Json;
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
        // Parsed once: the members are read from the document, the payload goes on as its slice of the body.
        var (document, bytes, problem) = await JsonBody.ReadDocumentAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            return await DeliverAsync(document!.RootElement, bytes, engine, signals, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> DeliverAsync(JsonElement body, ReadOnlyMemory<byte> bytes, FlowEngine engine, CockpitSignals signals, CancellationToken cancellationToken)
    {
        const string Shape = "The body must be {\"messageName\": \"...\", \"correlationKey\": \"...\" (optional), \"payload\": {...} (optional), \"tenant\": \"...\" (optional), \"broadcast\": false}.";
        if (!TryString(body, "messageName", out var name, out var notText) || string.IsNullOrEmpty(name)
            || !TryString(body, "correlationKey", out var key, out notText) || !TryString(body, "tenant", out var tenant, out notText))
        {
            return JsonBody.Malformed(notText + Shape);
        }

        var payload = Member(body, "payload");
        if (payload is { ValueKind: not JsonValueKind.Object })
        {
            return JsonBody.Malformed("payload must be a JSON object of the message's declared outputs. " + Shape);
        }

        var flag = Member(body, "broadcast");
        if (flag is { ValueKind: not (JsonValueKind.True or JsonValueKind.False) })
        {
            return JsonBody.Malformed("broadcast must be true or false. " + Shape);
        }

        var broadcast = flag?.ValueKind == JsonValueKind.True;
        try
        {
            // The payload's bytes go to the catch's output reader as they came (a null or absent payload: none).
            var reached = payload is not { } given
                ? await engine.CorrelateAsync(name!, key, (string?)null, broadcast, tenant, cancellationToken).ConfigureAwait(false)
                : await engine.CorrelateAsync(name!, key, JsonBody.RawBytes(bytes, given), broadcast, tenant, cancellationToken).ConfigureAwait(false);
            signals.Pulse();
            return TypedResults.Ok(new CorrelationView(name!, key, reached.Select(InstanceEndpoints.View).ToList()));
        }
        catch (Exception e) when (Problems.FromRuntime(e) is { } refused)
        {
            return refused;
        }
    }

    /// <summary>A member of the body, or null when it is absent or JSON null.</summary>
    private static JsonElement? Member(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A member that is absent, null or a string; <paramref name="notText"/> says why one is not (a string whose bytes are not UTF-8).</summary>
    private static bool TryString(JsonElement body, string name, out string? value, out string? notText)
    {
        value = null;
        notText = null;
        switch (Member(body, name))
        {
            case null:
                return true;
            case { ValueKind: JsonValueKind.String } text:
                try
                {
                    value = text.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    notText = $"{name} is not valid UTF-8. ";
                    return false;
                }

            default:
                return false;
        }
    }
}
