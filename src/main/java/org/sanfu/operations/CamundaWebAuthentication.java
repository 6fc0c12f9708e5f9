package org.sanfu.operations;

import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.sanfu.security.CamundaCopies;
import org.sanfu.web.BodySizeLimitProperties;
import org.sanfu.web.Problems;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may enter Camunda's web apps and engine REST API is decided by Sanfu's security (ADMIN, HTTP
 * Basic: security.SecurityConfig). These filters run right after it and hand the signed-in user on
 * through the servlet API ({@code request.getUserPrincipal()}, Camunda's
 * ContainerBasedAuthenticationProvider): the web apps put that user in their session and skip their
 * login form, and engine-rest sets it as the engine's authenticated user (what Camunda's own
 * authorizations and, at history level full, its operation log go by). What an operator may change
 * there is the next filter's to decide ({@link OperatorWrites}).
 */
@Configuration(proxyBeanMethods = false)
class CamundaWebAuthentication {

    private static final int AFTER_SPRING_SECURITY = SecurityProperties.DEFAULT_FILTER_ORDER + 1;
    /** After the operators' gate: engine-rest's sign-in answers 404 itself for an engine it does not know. */
    private static final int AFTER_OPERATOR_WRITES = AFTER_SPRING_SECURITY + 1;
    private static final Map<String, String> FROM_SERVLET_API = Map.of(
            ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
            ContainerBasedAuthenticationProvider.class.getName());

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappsSignIn(CamundaBpmProperties camunda) {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camundaWebappsSignIn");
        registration.setInitParameters(FROM_SERVLET_API);
        String path = camunda.getWebapp().getApplicationPath();
        registration.addUrlPatterns(path + "/app/*", path + "/api/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(AFTER_OPERATOR_WRITES);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> camundaEngineRestSignIn() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camundaEngineRestSignIn");
        registration.setInitParameters(FROM_SERVLET_API);
        registration.addUrlPatterns("/engine-rest/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(AFTER_OPERATOR_WRITES);
        return registration;
    }

    /**
     * After Sanfu's sign-in (401, 403 for other roles), before Camunda's own filters and resources; also on the
     * copies of the apps' files outside them, which it answers 404.
     */
    @Bean
    FilterRegistrationBean<OperatorWrites> camundaOperatorWrites(Problems problems, CamundaBpmProperties camunda,
            ManagementService management, ExternalTaskService externalTasks, TaskService tasks,
            BodySizeLimitProperties bodies) {
        String apps = camunda.getWebapp().getApplicationPath();
        OperatorWrites.Known known = new OperatorWrites.Known(
                ids -> jobsOf(management, ids),
                id -> management.createJobDefinitionQuery().jobDefinitionId(id).count() > 0,
                id -> externalTasks.createExternalTaskQuery().externalTaskId(id).count() > 0,
                id -> tasks.createTaskQuery().taskId(id).count() > 0);
        FilterRegistrationBean<OperatorWrites> registration =
                new FilterRegistrationBean<>(new OperatorWrites(problems, apps, known, bodies.maxBodyBytes()));
        registration.setName("camundaOperatorWrites");
        registration.addUrlPatterns("/engine-rest/*", apps + "/*");
        CamundaCopies.PATHS.forEach(copies -> registration.addUrlPatterns(copies + "/*"));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(AFTER_SPRING_SECURITY);
        return registration;
    }

    /** Of these job ids, the ones the engine has: a query per 500 (a bulk retry's body may name thousands). */
    private static Set<String> jobsOf(ManagementService management, Collection<String> ids) {
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        Set<String> found = new HashSet<>();
        for (int from = 0; from < all.size(); from += 500) {
            Set<String> chunk = Set.copyOf(all.subList(from, Math.min(all.size(), from + 500)));
            management.createJobQuery().jobIds(chunk).list().forEach(job -> found.add(job.getId()));
        }
        return found;
    }
}
