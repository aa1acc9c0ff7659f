namespace Crd.Terraform.Testing;

/// <summary>
/// Visits nodes in dependency order with bounded parallelism, like Terraform's graph walk
/// (default parallelism 10). A node whose dependency failed is not visited.
/// </summary>
internal static class GraphWalker
{
    public static async Task<IReadOnlyList<Exception>> WalkAsync(IReadOnlyCollection<string> nodes, Func<string, IEnumerable<string>> dependencies, int parallelism, Func<string, CancellationToken, Task> visit, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(parallelism);
        var errors = new List<Exception>();
        var tasks = new Dictionary<string, Task<bool>>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        Task<bool> Run(string node)
        {
            if (tasks.TryGetValue(node, out var existing))
            {
                return existing;
            }

            if (!visiting.Add(node))
            {
                throw new InvalidOperationException($"Cycle in the dependency graph at {node}.");
            }

            var deps = dependencies(node).Where(nodes.Contains).Select(Run).ToList();
            var task = VisitAfter(node, deps);
            tasks[node] = task;
            return task;
        }

        async Task<bool> VisitAfter(string node, List<Task<bool>> deps)
        {
            var ok = (await Task.WhenAll(deps).ConfigureAwait(false)).All(x => x);
            if (!ok)
            {
                return false;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await visit(node, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e)
            {
                lock (errors)
                {
                    errors.Add(e);
                }

                return false;
            }
            finally
            {
                gate.Release();
            }
        }

        var all = nodes.Select(Run).ToList();
        await Task.WhenAll(all).ConfigureAwait(false);
        return errors;
    }
}
