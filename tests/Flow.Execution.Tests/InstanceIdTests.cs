using System.Collections.Concurrent;

namespace Flow.Execution.Tests;

/// <summary>Instance ids come from a per-thread buffer of random bytes, not one system call each; they must still be random GUIDs in the "N" form, never repeated.</summary>
public class InstanceIdTests
{
    [Fact]
    public async Task Ids_are_distinct_version_4_guids_in_the_n_form_across_threads()
    {
        var ids = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(InstanceIds.New());
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(20_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{32}$", id);
            var guid = Guid.ParseExact(id, "N");
            Assert.Equal(4, guid.Version);
            Assert.Equal(id, guid.ToString("N"));
            Assert.Contains(id[16], "89ab");   // the RFC 4122 variant
        });
    }
}

/// <summary>A waiting instance's id is made when first read; readers racing to be first all get one id, the one its state keeps.</summary>
public class FirstIdReadTests
{
    private static readonly string Waits = Infrastructure.Bpmn.Process("""
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
        """);

    [Fact]
    public async Task Racing_first_readers_of_a_waiting_instance_get_one_id_and_its_state_keeps_it()
    {
        var flow = Infrastructure.TestFlow.Build(Waits, Array.Empty<string>());
        for (var round = 0; round < 200; round++)
        {
            var instance = await flow.StartAsync();
            using var go = new ManualResetEventSlim();
            var reads = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() => { go.Wait(); return instance.Id; }, TaskCreationOptions.LongRunning)).ToArray();
            go.Set();
            var ids = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Single(ids.Distinct(StringComparer.Ordinal));
            Assert.Matches("^[0-9a-f]{32}$", ids[0]);
            Assert.Equal(ids[0], instance.Id);
            Assert.Contains(ids[0], instance.ToJson());
        }
    }
}
