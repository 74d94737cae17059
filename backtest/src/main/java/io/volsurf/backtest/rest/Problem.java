package io.volsurf.backtest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 7807 problem document ({@code application/problem+json}).
 *
 * @param type      a URI naming the kind of problem
 * @param title     a short summary of that kind
 * @param status    the HTTP status code
 * @param detail    what went wrong with this request
 * @param parameter the request parameter at fault (bad input only)
 * @param instance  the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
