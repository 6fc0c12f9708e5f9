package org.sanfu.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;
import org.sanfu.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP Basic for everything under /api. Role checks that do not depend on a particular record sit
 * here, so that they answer 403 before a body is read; checks on a record (a ticket's department,
 * an action's owner) are made by the feature after it found the record, so 404 comes before 403.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain api(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        http.authenticationManager(new ProviderManager(new VerifiedCredentials(passwords)));
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"sanfu\", charset=\"UTF-8\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "sign in with HTTP Basic");
        };
        AccessDeniedHandler denied = (request, response, e) ->
                Problems.write(response, HttpStatus.FORBIDDEN, "your role may not do this");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn))
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn).accessDeniedHandler(denied))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(POST, "/api/enterprises").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers(POST, "/api/enterprises/import").hasRole("ADMIN")
                        .requestMatchers(POST, "/api/visits").hasAnyRole("STAFF", "DISPATCH")
                        .requestMatchers(GET, "/api/visits").hasAnyRole("STAFF", "DISPATCH", "LEADER", "ADMIN")
                        .requestMatchers("/api/stats/**", "/api/reports/**").hasAnyRole("LEADER", "DISPATCH", "ADMIN")
                        .requestMatchers(GET, "/").hasAnyRole("LEADER", "DISPATCH", "ADMIN")
                        .requestMatchers(GET, "/webjars/**", "/dashboard.css").permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(Accounts accounts) {
        return username -> accounts.find(username)
                .map(a -> new SanfuUser(new Caller(a.username(), a.role(), a.department()), a.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /** Lets a controller method take the {@link Caller} as an argument. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                    NativeWebRequest request, WebDataBinderFactory binders) {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                return ((SanfuUser) auth.getPrincipal()).caller();
            }
        });
    }
}
