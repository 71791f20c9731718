# A single-node Slurm cluster on localhost, for make test-slurm: sourced by scripts/slurm/test.sh.
# Debian 12's slurmctld, slurmd and munge, started as root without systemd; every file it writes
# (configuration, state, spool, logs, pid files) is under $SLURM_DIR. Worked out on Debian 12
# with Slurm 22.05.8 and munge 0.5.15 (2026-12-01): the node is idle about a second after
# slurmd starts; cred_expire=5 and the short scheduler intervals make a requeued task eligible
# again after about 6 s instead of 121 s.

# SLURM_DIR must be set by the caller; SLURM_CONF points the clients and the daemons at our
# configuration, never at /etc/slurm.
export SLURM_CONF=$SLURM_DIR/slurm.conf

# Pids of the daemons this script started (munged only when it was not already running).
started_munged=
started_slurmctld=
started_slurmd=

# slurm_busy prints why a cluster cannot be started here, or nothing: a Slurm daemon already
# running, or one of its ports (6817 slurmctld, 6818 slurmd) taken.
slurm_busy() {
  local d pid port
  for d in slurmctld slurmd slurmdbd; do
    if pid=$(pgrep -x "$d" | head -1) && [ -n "$pid" ]; then
      echo "$d is already running (pid $pid)"
      return
    fi
  done
  for port in 6817 6818; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is in use"
      return
    fi
  done
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s until it succeeds; fails naming
# WHAT after SECONDS.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      fail "timed out after ${limit} s waiting for $what"
    fi
    sleep 0.2
  done
}

# gone PID: the process has exited (or is a zombie: PID 1 here does not reap daemons).
gone() {
  local state
  [ -e "/proc/$1" ] || return 0
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 0
  [ "$state" = Z ]
}

# stop_pid NAME PID: SIGTERM, at most 10 s for it to exit, then SIGKILL.
stop_pid() {
  local name=$1 pid=$2
  [ -n "$pid" ] || return 0
  gone "$pid" && return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + 10))
  while ! gone "$pid"; do
    if ((SECONDS >= deadline)); then
      echo "test-slurm: $name (pid $pid) ignored SIGTERM for 10 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
}

# slurm_config writes $SLURM_CONF: one node, this host, with the CPUs and memory slurmd finds;
# requeued jobs eligible again within seconds (cred_expire, a short scheduler interval).
slurm_config() {
  local host node
  host=$(hostname -s)
  node=$(slurmd -C | head -1 | sed "s/^NodeName=[^ ]*/NodeName=$host/")
  mkdir -p "$SLURM_DIR/state" "$SLURM_DIR/spool"
  cat >"$SLURM_CONF" <<EOF
ClusterName=ssgan-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=6817
SlurmdPort=6818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=cred_expire=5
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SchedulerParameters=sched_interval=2,bf_interval=1
KillWait=10
MailProg=/bin/true
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/slurmctld.log
SlurmdLogFile=$SLURM_DIR/slurmd.log
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

# munge_works: a munged answers on the default socket.
munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

# slurm_start starts munged (unless one already answers), slurmctld and slurmd, and waits for
# the node to be idle.
slurm_start() {
  slurm_config
  if ! munge_works; then
    [ -s /etc/munge/munge.key ] || fail "/etc/munge/munge.key is missing (the munge package creates it; mungekey -c makes one)"
    install -d -o munge -g munge -m 0755 /run/munge
    runuser -u munge -- /usr/sbin/munged || fail "munged did not start"
    started_munged=$(cat /run/munge/munged.pid 2>/dev/null)
    wait_for 10 "munged to answer" munge_works
  fi
  slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
  wait_for 10 "slurmctld's pid file" test -s "$SLURM_DIR/slurmctld.pid"
  started_slurmctld=$(cat "$SLURM_DIR/slurmctld.pid")
  slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
  wait_for 10 "slurmd's pid file" test -s "$SLURM_DIR/slurmd.pid"
  started_slurmd=$(cat "$SLURM_DIR/slurmd.pid")
  wait_for 30 "the node to be idle (sinfo)" node_idle
}

# node_idle: sinfo reports the node idle.
node_idle() { [ "$(sinfo -h -o %T 2>/dev/null)" = idle ]; }

# queue_empty: no job of ours is pending or running.
queue_empty() { [ -z "$(squeue -h -o %i 2>/dev/null)" ]; }

# slurm_stop cancels what is left, waits (bounded) for the queue to empty, then stops the daemons
# this script started. It never fails: it runs from the exit trap.
slurm_stop() {
  if [ -n "$started_slurmctld" ] && ! gone "$started_slurmctld"; then
    scancel --quiet --user="$(id -un)" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    until queue_empty || ((SECONDS >= deadline)); do sleep 0.2; done
  fi
  stop_pid slurmd "$started_slurmd"
  stop_pid slurmctld "$started_slurmctld"
  stop_pid munged "$started_munged"
}

# slurm_logs [FILE...] prints the end of the daemons' logs and of the files given (the jobs'
# logs), on a failure.
slurm_logs() {
  local f
  for f in "$SLURM_DIR"/slurmctld.log "$SLURM_DIR"/slurmd.log /var/log/munge/munged.log "$@"; do
    [ -f "$f" ] || continue
    echo "----- $f (last 40 lines)"
    tail -n 40 "$f"
  done
  if [ -n "$started_slurmctld" ]; then
    echo "----- squeue"
    timeout 5 squeue 2>&1 || true
  fi
}
