namespace LiveCommerce.Storage.Tipping;

/// <summary>
/// One turn at a time per user within this process: parallel authorizations of one user queue here instead of racing
/// each other to the counters row and losing on 412. Only an optimisation: the ETag on the counters row is what keeps
/// a total within its limit across instances.
/// </summary>
public sealed class UserTurns
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the user's turn; disposing of the result (once or more) ends it.</summary>
    public async Task<IDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate(key);
                _gates[key] = gate;
            }

            gate.Holders++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(gate);
            throw;
        }

        return new Turn(this, gate);
    }

    private void Leave(Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Holders == 0)
            {
                _gates.Remove(gate.Key);
            }
        }
    }

    private sealed class Gate(string key)
    {
        public string Key { get; } = key;

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Holders { get; set; }
    }

    /// <summary>One holder's turn: ending it twice ends it once.</summary>
    private sealed class Turn(UserTurns owner, Gate gate) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(gate);
            }
        }
    }
}
