using System;
using System.Collections.Generic;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Flow.Cockpit.Live;
using Flow.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit.Api;

/// <summary>
/// Server-Sent Events: <c>deployments</c> (the newest timeline sequence) when a deployment event
/// happens, <c>tokens</c> (the counts of <c>?key=</c>, <c>?version=</c>) when they differ from
/// what the stream sent last. A stream wakes on every change made through the cockpit and on
/// every deployment event, and otherwise looks again once per <see cref="CockpitOptions.LiveRefreshInterval"/>;
/// the counts are shared by every open page (<see cref="SharedTokenCounts"/>), never a request per instance.
/// </summary>
internal static class LiveEndpoints
{
    public static void Map(RouteGroupBuilder read)
    {
        read.MapGet("/live", (string? key, int? version, FlowEngine engine, SharedTokenCounts counts, CockpitJournal journal, CockpitSignals signals,
                IOptions<CockpitOptions> options, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, HttpContext context) =>
            {
                if (key is not null && ProcessEndpoints.Find(engine.Registry, key, version) is null)
                {
                    return Problems.UnknownProcess(key, version);
                }

                var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
                context.Response.RegisterForDispose(stopping);
                return TypedResults.ServerSentEvents(
                    Stream(key, version, counts, journal, signals, options.Value.LiveRefreshInterval, json.Value.SerializerOptions, stopping.Token));
            })
            .WithName("LiveUpdates").WithSummary("Server-Sent Events: 'deployments' and 'tokens' (for ?key=, ?version=) whenever they change.");
    }

    private static async IAsyncEnumerable<SseItem<string>> Stream(string? key, int? version, SharedTokenCounts shared, CockpitJournal journal, CockpitSignals signals,
        TimeSpan interval, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long sentSequence = -1;
        string? sentCounts = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sequence = journal.Sequence;
            if (sequence != sentSequence)
            {
                sentSequence = sequence;
                yield return new SseItem<string>(JsonSerializer.Serialize(new { sequence }, json), "deployments");
            }

            if (key is not null)
            {
                var counts = JsonSerializer.Serialize(new TokenCountsView(key, version, await shared.GetAsync(key, version, interval).WaitAsync(cancellationToken).ConfigureAwait(false)), json);
                if (counts != sentCounts)
                {
                    sentCounts = counts;
                    yield return new SseItem<string>(counts, "tokens");
                }
            }

            try
            {
                await signals.WaitAsync(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
