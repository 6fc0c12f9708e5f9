package org.sanfu.ticket.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.sanfu.DomainException;
import org.sanfu.LockFailures;
import org.sanfu.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;

/**
 * The ticket module's one door to the Camunda engine: starting a ticket's process, completing its
 * tasks, correlating its messages, and reading what the diagram says of its user tasks. The engine
 * calls back through {@link OpenTaskMirror}, which keeps the process's open tasks in the read model.
 * Nothing else in the ticket module imports Camunda, so a move to another engine stays in this file.
 */
@Component
public class TicketProcessGateway {

    /** The prefix of a task property naming the actions it offers to a group not among its candidates. */
    private static final String ACTIONS_OF_GROUP = "actions.";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final RepositoryService repository;
    private final ProcessEngineConfigurationImpl engine;
    private volatile Map<String, TaskDefinition> taskDefinitions;
    private final Map<String, Map<String, TaskDefinition>> taskDefinitionsByVersion = new ConcurrentHashMap<>();

    TicketProcessGateway(RuntimeService runtime, TaskService tasks, RepositoryService repository,
            ProcessEngine processEngine) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.repository = repository;
        this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    /** Starts a ticket's process with the facts its first gateway decides on; the process's id. */
    public String start(long ticketId, Map<String, Object> facts) {
        return moving(() -> runtime.startProcessInstanceByKey(TicketProcess.KEY, String.valueOf(ticketId),
                steering(facts)).getId());
    }

    /**
     * Starts a ticket's process directly before the given activities, for a ticket whose row a bulk
     * load wrote in the state those activities wait in: the diagram's own listeners are skipped (the
     * row says already what they would write), the engine's built-in task listener still mirrors the
     * opened tasks into the read model. {@code variables} are kept (the lead department). The
     * process's id.
     */
    public String startAt(long ticketId, List<String> activityIds, Map<String, Object> variables) {
        var instantiation = runtime.createProcessInstanceByKey(TicketProcess.KEY)
                .businessKey(String.valueOf(ticketId)).setVariables(variables);
        for (String activityId : activityIds) {
            instantiation.startBeforeActivity(activityId);
        }
        return instantiation.execute(true, true).getId();
    }

    /**
     * Completes a task the read model showed open, with the decision it brings; a task gone
     * meanwhile is a state that moved on (409).
     */
    public void complete(String taskId, Map<String, Object> decision) {
        try {
            moving(() -> {
                tasks.complete(taskId, steering(decision));
                return null;
            });
        } catch (NullValueException e) {
            throw new DomainException.NotNow(Message.of("sanfu.ticket.task-gone", "task", taskId));
        }
    }

    /**
     * Decisions steer the gateway that follows in the same transaction and are not stored (transient
     * variables: no variable rows written); the lead department is kept, for the tasks it names.
     */
    private static VariableMap steering(Map<String, Object> values) {
        VariableMap variables = Variables.createVariables();
        values.forEach((name, value) -> {
            if (TicketProcess.VAR_LEAD_DEPARTMENT.equals(name)) {
                variables.putValue(name, value);
            } else {
                variables.putValueTyped(name, Variables.untypedValue(value, true));
            }
        });
        return variables;
    }

    /**
     * Runs work in a transaction and engine command of its own, even when called from inside another
     * command (the deadline sweep runs in a job): the ticket rows it writes and the process moves it
     * makes commit together, or not at all, apart from the caller's.
     */
    public void inOwnTransaction(Runnable work) {
        engine.getCommandExecutorTxRequiresNew().execute(commandContext -> {
            work.run();
            return null;
        });
    }

    public void requestExtension(String processInstanceId) {
        correlate(TicketProcess.MESSAGE_EXTENSION_REQUESTED, processInstanceId);
    }

    private void correlate(String message, String processInstanceId) {
        moving(() -> {
            runtime.createMessageCorrelation(message).processInstanceId(processInstanceId).correlate();
            return null;
        });
    }

    /**
     * A move of the process, whose statements the engine runs as it returns: one that waited past the lock timeout
     * for rows another transaction holds, or lost a deadlock, is Spring's lock failure (a lost race, 409 that changed
     * nothing), as our own SQL's is, not the engine's persistence error.
     */
    private static <T> T moving(java.util.function.Supplier<T> move) {
        try {
            return move.get();
        } catch (RuntimeException e) {
            if (e instanceof NullValueException || !LockFailures.among(e)) {
                throw e;
            }
            throw new CannotAcquireLockException("the process gave way to another transaction's lock", e);
        }
    }

    /**
     * Whether the ticket's process waits where a case's reply can reach it: a process started on a
     * diagram older than the CaseReplied boundary events (running tickets keep their version) cannot.
     */
    public boolean awaitsCaseReply(String processInstanceId) {
        return runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType("message")
                .eventName(TicketProcess.MESSAGE_CASE_REPLIED).count() > 0;
    }

    /**
     * The case of the ticket's systemic problem was replied: the boundary event of the task or handling
     * the ticket waits in (BoundaryEvent_CaseReplied_*) takes it to the enterprise's feedback.
     */
    public void caseReplied(String processInstanceId) {
        correlate(TicketProcess.MESSAGE_CASE_REPLIED, processInstanceId);
    }

    /**
     * A leader took the ticket under supervision (督办): the boundary event of the task or handling it
     * waits in (BoundaryEvent_Supervised_*) takes it to the leader's ruling. A process started on a
     * diagram older than those events (running tickets keep their version) cannot: 409.
     */
    public void supervise(String processInstanceId) {
        boolean awaits = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                .eventType("message").eventName(TicketProcess.MESSAGE_SUPERVISED).count() > 0;
        if (!awaits) {
            throw new DomainException.NotNow(Message.of("sanfu.ticket.supervise-older-process"));
        }
        correlate(TicketProcess.MESSAGE_SUPERVISED, processInstanceId);
    }

    /**
     * The newest ticket process parsed into the engine's cache, and its task definitions read, as the first ticket's
     * start after each start of the node would otherwise do inside that ticket's transaction (EngineWarmUp).
     */
    public void warmUp() {
        repository.getProcessDefinition(newest().getId());
        taskDefinitions();
    }

    private ProcessDefinition newest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(TicketProcess.KEY).latestVersion()
                .singleResult();
    }

    /** Every user task of the newest ticket process, by key, as the diagram declares it. */
    public Map<String, TaskDefinition> taskDefinitions() {
        Map<String, TaskDefinition> known = taskDefinitions;
        if (known == null) {
            known = read(repository.getBpmnModelInstance(newest().getId()));
            taskDefinitions = known;
        }
        return known;
    }

    /**
     * Every user task of one version of the ticket process (a task's {@code processDefinitionId}), by
     * key: a running ticket keeps the version it started on. The newest for null.
     */
    public Map<String, TaskDefinition> taskDefinitions(String processDefinitionId) {
        if (processDefinitionId == null) {
            return taskDefinitions();
        }
        return taskDefinitionsByVersion.computeIfAbsent(processDefinitionId,
                id -> read(repository.getBpmnModelInstance(id)));
    }

    /** The version of the process each of these open tasks belongs to, by task id; tasks the engine has not, left out. */
    public Map<String, String> versionsOfTasks(Collection<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        return tasks.createTaskQuery().taskIdIn(taskIds.toArray(String[]::new)).list().stream()
                .collect(Collectors.toMap(Task::getId, Task::getProcessDefinitionId));
    }

    private static Map<String, TaskDefinition> read(BpmnModelInstance model) {
        Map<String, TaskDefinition> byKey = new LinkedHashMap<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            List<String> actions = new ArrayList<>();
            Map<String, String> waitsFor = new LinkedHashMap<>();
            Map<String, List<String>> actionsOfGroups = new LinkedHashMap<>();
            CamundaProperties properties = task.getExtensionElements() == null ? null
                    : task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                            .stream().findFirst().orElse(null);
            if (properties != null) {
                for (CamundaProperty p : properties.getCamundaProperties()) {
                    if ("actions".equals(p.getCamundaName())) {
                        actions.addAll(actionsIn(p.getCamundaValue()));
                    } else if (p.getCamundaName().startsWith(ACTIONS_OF_GROUP)) {
                        actionsOfGroups.put(p.getCamundaName().substring(ACTIONS_OF_GROUP.length()),
                                actionsIn(p.getCamundaValue()));
                    } else if (p.getCamundaName().endsWith(".waitsFor")) {
                        waitsFor.put(p.getCamundaName().substring(0, p.getCamundaName().length() - ".waitsFor".length()),
                                p.getCamundaValue().strip());
                    }
                }
            }
            byKey.put(task.getId(), new TaskDefinition(task.getId(), task.getCamundaCandidateGroups(),
                    List.copyOf(actions), Map.copyOf(waitsFor), Map.copyOf(actionsOfGroups)));
        }
        return Map.copyOf(byKey);
    }

    /** A property's comma-separated actions. */
    private static List<String> actionsIn(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /** Where the engine reports a ticket task opened or ended (completed, or cancelled with its scope). */
    public interface OpenTasks {
        void opened(long ticketId, String taskId, String taskKey, List<String> candidateGroups,
                String processDefinitionId);

        void ended(String taskId);
    }

    /**
     * Adds a task listener to every user task of the ticket process as it is deployed, so that the
     * read model's open tasks change in the transaction that changed the process.
     */
    @Component
    static class OpenTaskMirror extends AbstractProcessEnginePlugin {

        private final ObjectProvider<OpenTasks> openTasks;

        OpenTaskMirror(ObjectProvider<OpenTasks> openTasks) {
            this.openTasks = openTasks;
        }

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            if (configuration.getCustomPostBPMNParseListeners() == null) {
                configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
            }
            TaskListener opened = this::opened;
            TaskListener ended = task -> openTasks.getObject().ended(task.getId());
            configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
                @Override
                public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                    if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                            && TicketProcess.KEY.equals(definition.getKey())
                            && activity.getActivityBehavior() instanceof UserTaskActivityBehavior user) {
                        user.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, opened);
                        user.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ended);
                        user.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, ended);
                    }
                }
            });
        }

        private void opened(DelegateTask task) {
            List<String> groups = task.getCandidates().stream()
                    .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                    .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList();
            openTasks.getObject().opened(TicketProcess.ticketId(task.getExecution().getProcessBusinessKey()),
                    task.getId(), task.getTaskDefinitionKey(), groups, task.getProcessDefinitionId());
        }
    }
}
