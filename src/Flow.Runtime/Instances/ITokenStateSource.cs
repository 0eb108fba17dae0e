using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Flow.Instances;

/// <summary>
/// An optional capability of an <see cref="IInstanceStore"/>: the states that token counts read,
/// without the rest. <see cref="Engine.FlowEngine.CountTokensAsync"/> uses it when the store
/// offers it and falls back to <see cref="IInstanceStore.QueryAsync"/> otherwise. A durable
/// store answers with one SELECT of five columns, skipping ended instances in SQL instead of
/// loading every instance of the key with its jobs and subscriptions.
/// </summary>
public interface ITokenStateSource
{
    /// <summary>
    /// The instances of <paramref name="processKey"/> (of <paramref name="deploymentVersion"/>
    /// when given) that are not ended, or that failed (ended or not), in no particular order.
    /// Retention runs first, as before a query.
    /// </summary>
    ValueTask<IReadOnlyList<TokenState>> QueryTokenStatesAsync(string processKey, int? deploymentVersion, CancellationToken cancellationToken = default);
}

/// <summary>What token counts need of a stored instance: where it belongs, whether it failed or ended, and its state JSON.</summary>
public sealed record TokenState(string DeploymentName, int DeploymentVersion, InstanceStatus Status, bool Ended, string StateJson);
